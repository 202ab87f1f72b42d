import React, { useState } from 'react';
import { PluginPage } from '@grafana/runtime';
import { Button, Card, Checkbox, Combobox, Field, Input, Stack } from '@grafana/ui';
import { api } from '../api/client';
import { Silence, SilenceMatcher } from '../api/types';
import { useLoad } from '../components/common/useLoad';
import { Empty, Failed, Loading } from '../components/common/StateViews';
import { StatusBadge } from '../components/common/SeverityBadge';
import { canAct } from '../utils/permissions';
import { formatTime } from './IncidentsPage';

const FIELDS = ['ship_id', 'service', 'domain', 'device_id', 'incident_type', 'severity'].map((f) => ({
  label: f,
  value: f,
}));

/** Alertmanager-style silences: what is silenced, until when, by whom, how often it matched; engineers create and expire them. */
export function SilencesPage() {
  const silences = useLoad(() => api.listSilences(), 'silences', 30_000);

  return (
    <PluginPage>
      {canAct() && <NewSilenceForm onCreated={silences.reload} />}
      {silences.error && <Failed error={silences.error} onRetry={silences.reload} />}
      {!silences.data && silences.loading && <Loading what="silences" />}
      {silences.data && silences.data.data.length === 0 && <Empty>No silences.</Empty>}
      {silences.data?.data.map((silence) => (
        <SilenceCard key={silence.silence_id} silence={silence} onDone={silences.reload} />
      ))}
    </PluginPage>
  );
}

export const describeMatcher = (m: SilenceMatcher) =>
  `${m.name}${m.is_equal ? '' : '!'}${m.is_regex ? '=~' : '='}"${m.value}"`;

function SilenceCard({ silence, onDone }: { silence: Silence; onDone: () => void }) {
  const [error, setError] = useState<Error>();
  const expire = async () => {
    try {
      await api.expireSilence(silence.silence_id);
      onDone();
    } catch (e) {
      setError(e as Error);
    }
  };

  return (
    <Card data-testid={`silence-${silence.silence_id}`}>
      <Card.Heading>{silence.matchers.map(describeMatcher).join(', ')}</Card.Heading>
      <Card.Meta>
        {[
          `${formatTime(silence.starts_at)} to ${formatTime(silence.ends_at)}`,
          `by ${silence.created_by}`,
          `matched ${silence.matched_count}`,
        ]}
      </Card.Meta>
      <Card.Description>
        <StatusBadge status={silence.state} /> {silence.comment ?? ''}
        {error && <Failed error={error} />}
      </Card.Description>
      {canAct() && silence.state !== 'expired' && (
        <Card.Actions>
          <Button variant="destructive" onClick={expire}>
            Expire
          </Button>
        </Card.Actions>
      )}
    </Card>
  );
}

function NewSilenceForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('ship_id');
  const [value, setValue] = useState('');
  const [isRegex, setIsRegex] = useState(false);
  const [hours, setHours] = useState('2');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error>();
  const hoursValid = Number(hours) > 0;

  const submit = async () => {
    try {
      await api.createSilence({
        matchers: [{ name, value, is_regex: isRegex, is_equal: true }],
        ends_at: new Date(Date.now() + Number(hours) * 3_600_000).toISOString(),
        comment: comment.trim() || undefined,
      });
      setError(undefined);
      setValue('');
      onCreated();
    } catch (e) {
      setError(e as Error);
    }
  };

  return (
    <Stack direction="row" alignItems="flex-end" wrap="wrap">
      <Field label="Field">
        <Combobox aria-label="Field" options={FIELDS} value={name} onChange={(o) => setName(o.value)} width={20} />
      </Field>
      <Field label="Value">
        <Input aria-label="Value" value={value} onChange={(e) => setValue(e.currentTarget.value)} width={30} />
      </Field>
      <Checkbox label="Regex" value={isRegex} onChange={(e) => setIsRegex(e.currentTarget.checked)} />
      <Field label="Hours" invalid={!hoursValid} error={hoursValid ? undefined : 'More than 0 hours'}>
        <Input aria-label="Hours" value={hours} onChange={(e) => setHours(e.currentTarget.value)} width={10} />
      </Field>
      <Field label="Comment">
        <Input aria-label="Comment" value={comment} onChange={(e) => setComment(e.currentTarget.value)} width={40} />
      </Field>
      <Button disabled={!value || !hoursValid} onClick={submit}>
        Silence
      </Button>
      {error && <Failed error={error} />}
    </Stack>
  );
}

export default SilencesPage;
