'use client';

import { FieldError, Select, TextArea, TextInput } from '../forms/form-controls';
import { errorUnder } from '../forms/field-errors';
import { isRecord, type StepFormProps } from '../forms/form-props';
import { svg, type StepView } from './step-view';

type Pair = Record<string, unknown>;
const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);

export function HttpRequestForm({ config, onChange, errors }: StepFormProps) {
  const headers = (Array.isArray(config.headers) ? config.headers : []).filter(isRecord);
  const fields = (Array.isArray(config.fields) ? config.fields : []).filter(isRecord);
  const saveAs = str(config.saveAs, 'response');
  const setList = (key: 'headers' | 'fields', list: Pair[]) => onChange({ ...config, [key]: list }, key);
  return (
    <div className="space-y-4">
      <div className="flex gap-2">
        <div className="w-28">
          <Select
            label="Method"
            testId="field-http-method"
            value={str(config.method, 'GET')}
            onChange={(e) => onChange({ ...config, method: e.target.value }, 'method')}
            options={['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => ({ value: m, label: m }))}
          />
        </div>
        <div className="flex-1">
          <TextInput label="URL" testId="field-http-url" value={str(config.url)} error={errorUnder(errors, 'config.url')} onChange={(e) => onChange({ ...config, url: e.target.value }, 'url')} />
        </div>
      </div>
      <div>
        <p className="mb-1 text-xs font-medium text-slate-700">Headers</p>
        {headers.map((h, i) => (
          <div key={i} className="mb-1 flex gap-1">
            <TextInput label="Name" testId={`field-http-header-${i}-name`} value={str(h.name)} error={errorUnder(errors, `config.headers.${i}.name`)} onChange={(e) => setList('headers', headers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
            <TextInput label="Value" testId={`field-http-header-${i}-value`} value={str(h.value)} error={errorUnder(errors, `config.headers.${i}.value`)} onChange={(e) => setList('headers', headers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} placeholder="Bearer {{secret.NAME}}" />
            <button type="button" aria-label="Remove header" className="mt-5 px-1 text-slate-500 hover:text-red-600" onClick={() => setList('headers', headers.filter((_, j) => j !== i))}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" data-testid="http-add-header" className="text-xs text-brand-700 hover:underline" onClick={() => setList('headers', [...headers, { name: '', value: '' }])}>
          + Add header
        </button>
      </div>
      <TextArea
        label="JSON body (optional; variables are inserted as JSON string contents)"
        testId="field-http-body"
        value={str(config.body)}
        maxLength={20_000}
        error={errorUnder(errors, 'config.body')}
        onChange={(e) => onChange({ ...config, body: e.target.value }, 'body')}
      />
      <div className="flex gap-2">
        <TextInput label="Timeout (ms)" testId="field-http-timeout" type="number" min={500} max={30000} value={num(config.timeoutMs, 10000)} error={errorUnder(errors, 'config.timeoutMs')} onChange={(e) => onChange({ ...config, timeoutMs: Number(e.target.value) }, 'timeoutMs')} />
        <TextInput label="Retries" testId="field-http-retries" type="number" min={0} max={3} value={num(config.retries, 0)} error={errorUnder(errors, 'config.retries')} onChange={(e) => onChange({ ...config, retries: Number(e.target.value) }, 'retries')} />
      </div>
      <div>
        <TextInput label="Save the answer as" testId="field-http-save-as" value={saveAs} error={errorUnder(errors, 'config.saveAs')} onChange={(e) => onChange({ ...config, saveAs: e.target.value }, 'saveAs')} hint={`Later steps use {{http.${saveAs}.status}} and one variable per field below.`} />
        <p className="mt-2 mb-1 text-xs font-medium text-slate-700">Fields of the JSON answer</p>
        {fields.map((f, i) => (
          <div key={i} className="mb-1 flex gap-1">
            <TextInput label="Variable" testId={`field-http-field-${i}-name`} value={str(f.name)} error={errorUnder(errors, `config.fields.${i}.name`)} onChange={(e) => setList('fields', fields.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
            <TextInput label="Path" testId={`field-http-field-${i}-path`} value={str(f.path)} placeholder="data.plan" error={errorUnder(errors, `config.fields.${i}.path`)} onChange={(e) => setList('fields', fields.map((x, j) => (j === i ? { ...x, path: e.target.value } : x)))} />
            <button type="button" aria-label="Remove field" className="mt-5 px-1 text-slate-500 hover:text-red-600" onClick={() => setList('fields', fields.filter((_, j) => j !== i))}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" data-testid="http-add-field" className="text-xs text-brand-700 hover:underline" onClick={() => setList('fields', [...fields, { name: '', path: '' }])}>
          + Add field
        </button>
        <FieldError error={errorUnder(errors, 'config.fields')} />
      </div>
      <p className="text-xs text-slate-500">
        Outputs: <strong>success</strong> (2xx with a JSON answer) and <strong>failed</strong> (other status, timeout, refused address, not JSON; the reason is in the run log).
        Secrets: {'{{secret.NAME}}'} from Settings → Secrets.
      </p>
    </div>
  );
}

export const httpRequestView: StepView = {
  paletteLabel: 'HTTP request',
  accent: 'bg-violet-100 text-violet-700',
  icon: svg(<path d="M3 10h14M10 3c2 2 3 4.5 3 7s-1 5-3 7c-2-2-3-4.5-3-7s1-5 3-7Zm0 0a7 7 0 1 0 0 14 7 7 0 0 0 0-14Z" />),
  Form: HttpRequestForm,
};
