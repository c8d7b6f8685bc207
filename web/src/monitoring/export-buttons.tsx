import { useState } from 'react';
import { ApiError } from '../api';
import { ErrorNote } from '../ui';

const FORMATS = ['csv', 'xlsx', 'pdf'] as const;

/**
 * A worked result (a costing, a premium, a projection) as a file: the same input posted again
 * with the format asked for, and what comes back saved under the result's name. Nothing is kept
 * on the server, so there is no link to follow: the file is made from what is on the screen.
 */
export function ExportButtons(props: { path: string; body: unknown; name: string }) {
  const [error, setError] = useState<unknown>(null);
  const download = async (format: (typeof FORMATS)[number]) => {
    setError(null);
    try {
      const res = await fetch(`${props.path}?format=${format}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(props.body),
      });
      if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => ({})));
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `${props.name}.${format}`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (x) {
      setError(x);
    }
  };
  return (
    <div className="exports">
      {FORMATS.map((f) => (
        <button key={f} type="button" onClick={() => void download(f)}>
          {f.toUpperCase()}
        </button>
      ))}
      <ErrorNote error={error} />
    </div>
  );
}
