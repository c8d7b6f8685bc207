import { useFacilities } from './claims';

/** A choice of the scheme's facilities, by code and name; empty until one is chosen. */
export function FacilitySelect(props: {
  name: string;
  value: string;
  onChange: (id: string) => void;
  required?: boolean;
}) {
  const facilities = useFacilities();
  return (
    <select
      name={props.name}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      required={props.required}
    >
      <option value="">—</option>
      {facilities.data?.items.map((f) => (
        <option key={f.id} value={f.id}>
          {f.code} · {f.name}
        </option>
      ))}
    </select>
  );
}
