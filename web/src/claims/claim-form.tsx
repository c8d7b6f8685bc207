import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../api';
import { useScheme } from '../registry/draft';
import { ErrorNote, Field, formatMoney, parseMoney } from '../ui';
import { FacilitySelect } from './facility-select';
import { useCases, useCategories, type Claim } from './claims';

interface Line {
  code: string;
  quantity: string;
  unitPrice: string;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A claim typed at the facility, or its claims uploaded as a file. Opened from the desk after a
 * check-in, it comes with the visit and the facility filled in.
 */
export function ClaimFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const minor = useScheme().data?.currencyMinorUnits ?? 2;
  const categories = useCategories();
  const cases = useCases();
  const [d, setD] = useState({
    facilityId: params.get('facility') ?? '',
    externalId: '',
    memberNumber: params.get('member') ?? '',
    visitNumber: params.get('visit') ?? '',
    category: params.get('category') ?? '',
    caseCode: '',
    diagnosis: '',
    admittedOn: params.get('date') ?? today(),
    dischargedOn: '',
    claimed: '',
  });
  const [lines, setLines] = useState<Line[]>([]);
  const [error, setError] = useState<unknown>(null);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const lineTotal = lines.reduce((s, l) => s + (parseMoney(l.unitPrice, minor) ?? 0) * (Number(l.quantity) || 0), 0);
  const set = (f: keyof typeof d) => (e: { target: { value: string } }) => setD({ ...d, [f]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    try {
      const claim = await api<Claim>('/api/v1/claims', {
        method: 'POST',
        json: {
          facilityId: d.facilityId,
          externalId: d.externalId,
          memberNumber: opt(d.memberNumber),
          visitNumber: opt(d.visitNumber),
          category: d.category,
          caseCode: opt(d.caseCode),
          diagnosis: opt(d.diagnosis),
          admittedOn: d.admittedOn,
          dischargedOn: opt(d.dischargedOn),
          claimed: lines.length ? lineTotal : parseMoney(d.claimed, minor),
          lines: lines.map((l) => ({
            code: l.code.trim(),
            quantity: Number(l.quantity),
            unitPrice: parseMoney(l.unitPrice, minor),
          })),
        },
      });
      navigate(`/claims/${claim.id}`);
    } catch (x) {
      setError(x);
    }
  };

  return (
    <section>
      <p>
        <Link to="/claims">← {t('claims.title')}</Link>
      </p>
      <h1>{t('claims.submit')}</h1>
      <form className="form" onSubmit={submit} aria-label={t('claims.submit')}>
        <div className="grid">
          <Field label={t('claims.facility')} error={err('facilityId')}>
            <FacilitySelect
              name="facilityId"
              value={d.facilityId}
              onChange={(id) => setD({ ...d, facilityId: id })}
              required
            />
          </Field>
          <Field label={t('claims.externalId')} error={err('externalId')} hint={t('claims.externalIdHint')}>
            <input name="externalId" value={d.externalId} onChange={set('externalId')} required />
          </Field>
          <Field label={t('claims.memberNumber')} error={err('memberNumber')}>
            <input name="memberNumber" value={d.memberNumber} onChange={set('memberNumber')} />
          </Field>
          <Field label={t('claims.visitNumber')} error={err('visitNumber')}>
            <input name="visitNumber" value={d.visitNumber} onChange={set('visitNumber')} />
          </Field>
          <Field label={t('claims.care')} error={err('category')}>
            <select name="category" value={d.category} onChange={set('category')} required>
              <option value="">—</option>
              {categories.data?.items.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('claims.case')} error={err('caseCode')}>
            <select name="caseCode" value={d.caseCode} onChange={set('caseCode')}>
              <option value="">—</option>
              {cases.data?.items
                .filter((c) => !d.category || c.category === d.category)
                .map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} · {c.name}
                  </option>
                ))}
            </select>
          </Field>
          <Field label={t('claims.diagnosis')} error={err('diagnosis')} hint="ICD-10">
            <input name="diagnosis" value={d.diagnosis} onChange={set('diagnosis')} />
          </Field>
          <Field label={t('claims.admittedOn')} error={err('admittedOn')}>
            <input name="admittedOn" type="date" value={d.admittedOn} onChange={set('admittedOn')} required />
          </Field>
          <Field label={t('claims.dischargedOn')} error={err('dischargedOn')}>
            <input name="dischargedOn" type="date" value={d.dischargedOn} onChange={set('dischargedOn')} />
          </Field>
          <Field label={t('claims.claimed')} error={err('claimed')}>
            <input
              name="claimed"
              inputMode="decimal"
              value={lines.length ? formatMoney(lineTotal, minor) : d.claimed}
              onChange={set('claimed')}
              readOnly={lines.length > 0}
              required
            />
          </Field>
        </div>
        <fieldset>
          <legend>{t('claims.lines')}</legend>
          {lines.map((l, i) => (
            <div className="line" key={i}>
              {(['code', 'quantity', 'unitPrice'] as const).map((f) => (
                <Field key={f} label={t(`claims.${f}`)} error={err(`lines.${i}.${f}`)}>
                  <input
                    name={`lines.${i}.${f}`}
                    value={l[f]}
                    inputMode={f === 'code' ? undefined : 'decimal'}
                    onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, [f]: e.target.value } : x)))}
                  />
                </Field>
              ))}
              <button type="button" className="link" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                {t('common.remove')}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setLines([...lines, { code: '', quantity: '1', unitPrice: '' }])}>
            {t('claims.addLine')}
          </button>
        </fieldset>
        <ErrorNote error={error} />
        <button type="submit" className="primary">
          {t('claims.send')}
        </button>
      </form>
      <ClaimsUpload />
    </section>
  );
}

interface UploadResult {
  line: number;
  status: number;
  claim?: Claim;
  errors?: { field: string; reason: string }[];
}

/** A facility's claims as a CSV file: each row answered on its own. */
function ClaimsUpload() {
  const { t } = useTranslation();
  const [facilityId, setFacilityId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [results, setResults] = useState<UploadResult[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const upload = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setResults(null);
    try {
      const res = await api<{ results: UploadResult[] }>(`/api/v1/claims/upload?facilityId=${facilityId}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: await file!.text(),
      });
      setResults(res.results);
    } catch (x) {
      setError(x);
    }
  };
  return (
    <form className="form" onSubmit={upload} aria-label={t('claims.upload')}>
      <h2>{t('claims.upload')}</h2>
      <p className="small">{t('claims.uploadHelp')}</p>
      <div className="grid">
        <Field label={t('claims.facility')}>
          <FacilitySelect name="uploadFacility" value={facilityId} onChange={setFacilityId} required />
        </Field>
        <Field label={t('claims.file')}>
          <input
            name="file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            required
          />
        </Field>
      </div>
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={!file || !facilityId}>
        {t('claims.uploadButton')}
      </button>
      {results && (
        <table className="list" aria-label={t('claims.uploadResults')}>
          <thead>
            <tr>
              <th>{t('claims.line')}</th>
              <th>{t('claims.result')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                <td>
                  {r.claim ? (
                    <Link to={`/claims/${r.claim.id}`}>
                      {r.claim.number} · {t(`claimStatus.${r.claim.status}`)}
                    </Link>
                  ) : (
                    <span className="error">{r.errors?.map((x) => `${x.field}: ${x.reason}`).join('; ')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </form>
  );
}
