// 佐证材料 on the item page: the list of an item's uploads with download links, and the file picker the action
// forms (研究部署, 反馈进展, 配合单位报送, 申请办结) use — each chosen file is uploaded at once (base64 JSON to
// POST /api/supervision/items/:id/evidence) and the action then refers to it as {name, ref: "evidence:<id>"}.
import { useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { formatInstant } from '../app/common.tsx';

export interface EvidenceInfo {
  id: number;
  ref: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  unit: string | null;
  uploadedBy: string;
  uploadedAt: string;
}

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';
const MAX_BYTES = 10 * 1024 * 1024;

export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error(`无法读取文件“${file.name}”`));
    reader.readAsDataURL(file);
  });
}

/** The item's uploads, each with a download link (the server checks who may download). */
export function EvidenceList({ itemId, revision }: { itemId: number; revision: number }) {
  const list = useApi<{ evidence: EvidenceInfo[] }>(`/api/supervision/items/${itemId}/evidence`, revision);
  if (list.status !== 'ok') return null;
  const files = list.data.evidence;
  return (
    <section aria-labelledby="sv-evidence">
      <h2 id="sv-evidence">佐证材料（{files.length}）</h2>
      {files.length === 0 ? (
        <p className="empty">尚未上传佐证材料。</p>
      ) : (
        <table className="doc-grid" data-testid="evidence-list">
          <thead>
            <tr>
              <th scope="col">文件</th>
              <th scope="col">大小</th>
              <th scope="col">上传单位</th>
              <th scope="col">上传人</th>
              <th scope="col">时间（北京时间）</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.id}>
                <td>
                  <a href={`/api/supervision/evidence/${f.id}`} download={f.name}>
                    {f.name}
                  </a>
                </td>
                <td>{formatSize(f.size)}</td>
                <td>{f.unit ?? '县政府办'}</td>
                <td>{f.uploadedBy}</td>
                <td>{formatInstant(f.uploadedAt)}</td>
                <td>
                  <code title={f.sha256}>{f.sha256.slice(0, 12)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * Pick files for an action: each is uploaded when chosen; `value` is the JSON of [{name, ref}] ('' when none),
 * so the action form's “required” check and payload work on a plain string.
 */
export function EvidencePicker({
  id,
  itemId,
  value,
  onChange,
}: {
  id: string;
  itemId: number;
  value: string;
  onChange: (v: string) => void;
}) {
  const chosen: { name: string; ref: string }[] = value ? JSON.parse(value) : [];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (list: { name: string; ref: string }[]) => onChange(list.length ? JSON.stringify(list) : '');
  return (
    <span className="evidence-picker">
      <input
        id={id}
        type="file"
        accept={ACCEPT}
        multiple
        disabled={busy}
        data-testid="evidence-file"
        onChange={async (e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length === 0) return;
          setBusy(true);
          setError(null);
          const added: { name: string; ref: string }[] = [];
          try {
            for (const f of files) {
              if (f.size > MAX_BYTES) throw new ApiError(400, 'BAD_INPUT', `文件“${f.name}”超过 10 MB 的上限。`);
              const r = await api<{ evidence: EvidenceInfo }>(`/api/supervision/items/${itemId}/evidence`, {
                method: 'POST',
                body: { name: f.name, contentBase64: await base64Of(f) },
              });
              added.push({ name: r.evidence.name, ref: r.evidence.ref });
            }
          } catch (err) {
            setError(err instanceof ApiError ? err.message : String(err));
          } finally {
            set([...chosen, ...added]);
            setBusy(false);
          }
        }}
      />
      {busy && <span className="muted"> 正在上传…</span>}
      {error && (
        <span role="alert" className="error-text" data-testid="evidence-error">
          {' '}
          {error}
        </span>
      )}
      {chosen.length > 0 && (
        <ul data-testid="evidence-chosen">
          {chosen.map((c) => (
            <li key={c.ref}>
              {c.name}{' '}
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => set(chosen.filter((x) => x.ref !== c.ref))}
              >
                移除
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
