import React, { useState } from 'react';
import { Button, Field, Stack, TextArea } from '@grafana/ui';
import { api } from '../../api/client';
import { Incident } from '../../api/types';
import { Empty, Failed } from '../common/StateViews';
import { canAct } from '../../utils/permissions';
import { formatTime } from '../../pages/IncidentsPage';
import { DataTable } from '../common/DataTable';

/** The incident's comments, newest last; engineers add one (recorded on the timeline and in the audit trail). */
export function CommentsTab({ incident, onChanged }: { incident: Incident; onChanged: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<Error>();
  const comments = incident.comments ?? [];

  const submit = async () => {
    try {
      await api.addComment(incident.incident_id, text.trim());
      setText('');
      setError(undefined);
      onChanged();
    } catch (e) {
      setError(e as Error);
    }
  };

  return (
    <Stack direction="column" data-testid="incident-comments">
      {comments.length === 0 && <Empty>No comments yet.</Empty>}
      {comments.map((c) => (
        <div key={c.comment_id}>
          <strong>{c.author}</strong> at {formatTime(c.ts)}: {c.text}
        </div>
      ))}
      {canAct() && (
        <>
          <Field label="New comment">
            <TextArea aria-label="New comment" value={text} onChange={(e) => setText(e.currentTarget.value)} />
          </Field>
          <Button disabled={text.trim() === ''} onClick={submit}>
            Add comment
          </Button>
        </>
      )}
      {error && <Failed error={error} />}
    </Stack>
  );
}

/** Why each member is in the incident: the rule, key, window, event-time distance and fingerprint. */
export function WhyGroupedTab({ incident }: { incident: Incident }) {
  const reasons = incident.why_grouped ?? [];
  if (reasons.length === 0) {
    return <Empty>No join reasons recorded (incidents opened before this version have none).</Empty>;
  }

  return (
    <DataTable data-testid="incident-why-grouped">
      <thead>
        <tr>
          <th>Member</th>
          <th>Rule</th>
          <th>Key</th>
          <th>Window</th>
          <th>Distance</th>
          <th>Fingerprint</th>
        </tr>
      </thead>
      <tbody>
        {reasons.map((r) => (
          <tr key={`${r.tracking_id}-${r.rule}`}>
            <td>{r.tracking_id}</td>
            <td>
              {r.rule}
              {r.from_incident ? ` (from ${r.from_incident})` : ''}
            </td>
            <td>{r.correlation_key}</td>
            <td>{r.window_sec}s</td>
            <td>{r.distance_sec}s</td>
            <td>{r.fingerprint}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
