// Before 生成督办事项 on the review page: the document's confirmed and corrected tasks, each with 一般事项 or 重大复杂事项
// (the records do not say which tasks are major; the office decides). The choice is sent as
// POST /api/supervision/from-document/:id {categories: {commitmentId: 'major'}}; tasks already generated keep theirs.
import { useState } from 'react';
import { useApi } from '../api/useApi.ts';

type Category = 'ordinary' | 'major';

interface TaskRecord {
  id: number;
  status: string;
  goneAt: string | null;
  effective: { title?: unknown };
}

export function TaskCategoryPicker({
  documentId,
  value,
  onChange,
}: {
  documentId: number;
  value: Record<number, Category>;
  onChange: (v: Record<number, Category>) => void;
}) {
  // fetched when opened (again at each opening), so tasks confirmed or corrected meanwhile are listed
  const [opened, setOpened] = useState(0);
  const list = useApi<{ commitments: TaskRecord[] }>(
    opened ? `/api/commitments?kind=task&documentId=${documentId}` : null,
    opened,
  );
  const tasks =
    list.status === 'ok'
      ? list.data.commitments.filter((c) => (c.status === 'confirmed' || c.status === 'corrected') && c.goneAt === null)
      : [];
  return (
    <details
      data-testid="task-categories"
      onToggle={(e) => {
        if ((e.target as HTMLDetailsElement).open) setOpened((n) => n + 1);
      }}
    >
      <summary>事项类别（默认一般事项；重大复杂事项 1 个月内办结，或报送时间表）</summary>
      {list.status === 'ok' && tasks.length === 0 && <p className="muted">本文件还没有已确认或已更正的任务。</p>}
      <ul>
        {tasks.map((t) => (
          <li key={t.id}>
            <label>
              {String(t.effective.title ?? `任务 ${t.id}`)}{' '}
              <select
                data-task={t.id}
                value={value[t.id] ?? 'ordinary'}
                onChange={(e) => onChange({ ...value, [t.id]: e.target.value as Category })}
              >
                <option value="ordinary">一般事项</option>
                <option value="major">重大复杂事项</option>
              </select>
            </label>
          </li>
        ))}
      </ul>
    </details>
  );
}
