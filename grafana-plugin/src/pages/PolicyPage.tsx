import React, { useState } from 'react';
import { PluginPage } from '@grafana/runtime';
import { Badge, BadgeColor, Collapse, InlineField, Input } from '@grafana/ui';
import { api } from '../api/client';
import { PolicySection } from '../api/types';
import { useLoad } from '../components/common/useLoad';
import { Failed, Loading } from '../components/common/StateViews';

const sourceColors: Record<string, BadgeColor> = { default: 'darkgrey', fleet: 'blue', override: 'orange' };

/** The effective policy, read-only: the nine sections, each value with where it came from. */
export function PolicyPage() {
  const [ship, setShip] = useState('');
  const policy = useLoad(() => api.getPolicy(ship || undefined), ship);
  const [open, setOpen] = useState<string>();

  return (
    <PluginPage>
      <InlineField label="Ship" tooltip="A ship's effective policy, with its overrides; empty for the fleet's">
        <Input aria-label="Ship" width={30} defaultValue={ship} onBlur={(e) => setShip(e.currentTarget.value.trim())} />
      </InlineField>
      {policy.error && <Failed error={policy.error} onRetry={policy.reload} />}
      {!policy.data && policy.loading && <Loading what="the policy" />}
      {policy.data && (
        <>
          <p>
            Profile <strong>{policy.data.profile}</strong>, loaded {policy.data.loaded_at} from {policy.data.directory}
            {policy.data.overridden_ships.length > 0 && ` · ships with overrides: ${policy.data.overridden_ships.join(', ')}`}
          </p>
          {Object.entries(policy.data.sections).map(([name, section]) => (
            <Collapse key={name} label={<SectionLabel name={name} section={section} />} isOpen={open === name} onToggle={() => setOpen(open === name ? undefined : name)}>
              <SectionValues section={section} />
            </Collapse>
          ))}
        </>
      )}
    </PluginPage>
  );
}

function SectionLabel({ name, section }: { name: string; section: PolicySection }) {
  return (
    <span data-testid={`policy-section-${name}`}>
      {name} <Badge text={section.source} color={sourceColors[section.source] ?? 'darkgrey'} />
    </span>
  );
}

function SectionValues({ section }: { section: PolicySection }) {
  return (
    <table>
      <tbody>
        {Object.entries(section.sources).map(([path, source]) => (
          <tr key={path}>
            <td>
              <code>{path}</code>
            </td>
            <td>{JSON.stringify(valueAt(section.values, path))}</td>
            <td>
              <Badge text={source} color={sourceColors[source] ?? 'darkgrey'} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The value at a dotted key path (PolicyView's leaves: objects nest, lists are one value). */
export function valueAt(values: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), values);
}

export default PolicyPage;
