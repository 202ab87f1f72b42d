import React, { useState } from 'react';
import { PluginPage } from '@grafana/runtime';
import { Button, Card, Field, Input, Modal, RadioButtonGroup, Stack } from '@grafana/ui';
import { api } from '../api/client';
import { ActionExecution } from '../api/types';
import { useLoad } from '../components/common/useLoad';
import { Empty, Failed, Loading } from '../components/common/StateViews';
import { StatusBadge } from '../components/common/SeverityBadge';
import { canAct } from '../utils/permissions';
import { formatTime } from './IncidentsPage';

type View = 'pending' | 'mine';

/** Executions waiting for approval: approve (optional comment) or reject (reason required). */
export function ApprovalsPage() {
  const [view, setView] = useState<View>('pending');
  const approvals = useLoad(() => api.listApprovals(view === 'mine'), view, 15_000);

  return (
    <PluginPage>
      <RadioButtonGroup
        options={[
          { label: 'Pending', value: 'pending' },
          { label: 'Requested by me', value: 'mine' },
        ]}
        value={view}
        onChange={(value) => setView(value as View)}
      />
      {approvals.error && <Failed error={approvals.error} onRetry={approvals.reload} />}
      {!approvals.data && approvals.loading && <Loading what="approvals" />}
      {approvals.data && approvals.data.length === 0 && <Empty>Nothing is waiting for approval.</Empty>}
      {approvals.data?.map((execution) => (
        <ApprovalCard key={execution.execution_id} execution={execution} onDone={approvals.reload} />
      ))}
    </PluginPage>
  );
}

function ApprovalCard({ execution, onDone }: { execution: ActionExecution; onDone: () => void }) {
  const [mode, setMode] = useState<'approve' | 'reject'>();
  const [text, setText] = useState('');
  const [error, setError] = useState<Error>();
  const [outcome, setOutcome] = useState<ActionExecution>();
  const reasonMissing = mode === 'reject' && text.trim() === '';

  const submit = async () => {
    try {
      const result = mode === 'approve' ? await api.approve(execution.execution_id, text.trim() || undefined) : await api.reject(execution.execution_id, text.trim());
      setOutcome(result);
      setError(undefined);
      setMode(undefined);
      onDone();
    } catch (e) {
      setError(e as Error);
    }
  };

  return (
    <Card data-testid={`approval-${execution.execution_id}`}>
      <Card.Heading>
        {execution.action} on {execution.ship_id}/{execution.service}
      </Card.Heading>
      <Card.Meta>
        {[
          `risk ${execution.risk}`,
          `requested by ${execution.requested_by} at ${formatTime(execution.requested_at)}`,
          `approvals ${execution.approvals.length} of ${execution.approvals_required}`,
          execution.dry_run ? 'dry run' : 'real run',
        ]}
      </Card.Meta>
      <Card.Description>
        {execution.reason ?? 'No reason given.'}
        {execution.suggested_by_insight && ' (suggested by an insight: it runs only if an engineer approves)'}
        {execution.approvals.length > 0 && ` Approved so far by ${execution.approvals.map((a) => a.by).join(', ')}.`}
        {outcome && (
          <span>
            {' '}
            Now: <StatusBadge status={outcome.status} />
          </span>
        )}
        {error && <Failed error={error} />}
      </Card.Description>
      {canAct() && (
        <Card.Actions>
          <Button onClick={() => setMode('approve')}>Approve</Button>
          <Button variant="destructive" onClick={() => setMode('reject')}>
            Reject
          </Button>
        </Card.Actions>
      )}
      <Modal title={mode === 'approve' ? 'Approve this action' : 'Reject this action'} isOpen={mode !== undefined} onDismiss={() => setMode(undefined)}>
        <Stack direction="column">
          <Field label={mode === 'approve' ? 'Comment (optional)' : 'Reason (required)'} invalid={reasonMissing} error={reasonMissing ? 'A rejection needs a reason' : undefined}>
            <Input aria-label={mode === 'approve' ? 'Comment' : 'Reason'} value={text} onChange={(e) => setText(e.currentTarget.value)} />
          </Field>
          <Modal.ButtonRow>
            <Button variant="secondary" onClick={() => setMode(undefined)}>
              Cancel
            </Button>
            <Button variant={mode === 'approve' ? 'primary' : 'destructive'} disabled={reasonMissing} onClick={submit}>
              {mode === 'approve' ? 'Approve' : 'Reject'}
            </Button>
          </Modal.ButtonRow>
        </Stack>
      </Modal>
    </Card>
  );
}

export default ApprovalsPage;
