import React from 'react';
import { api } from '../../api/client';
import { Incident, LogTemplate } from '../../api/types';
import { useLoad } from '../common/useLoad';
import { Empty, Failed, Loading } from '../common/StateViews';
import { formatTime } from '../../pages/IncidentsPage';
import { DataTable } from '../common/DataTable';

interface Member {
  service: string;
  templateId: number;
  /** Evidence items of this incident from the template. */
  inIncident: number;
}

/** The distinct (service, template) pairs of the incident's evidence, most frequent first. */
export function incidentTemplates(incident: Incident): Member[] {
  const members = new Map<string, Member>();
  for (const e of incident.evidence) {
    if (e.template_id == null || !e.service) {
      continue;
    }
    const key = `${e.service}\u0000${e.template_id}`;
    const member = members.get(key) ?? { service: e.service, templateId: e.template_id, inIncident: 0 };
    member.inIncident++;
    members.set(key, member);
  }
  return [...members.values()].sort((a, b) => b.inIncident - a.inIncident);
}

/** "error 3 · info 12": lines per level, most first. */
export function levelMix(levels: Record<string, number>): string {
  return (
    Object.entries(levels)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([level, n]) => `${level} ${n}`)
      .join(' · ') || '—'
  );
}

/** The log templates the incident's members came from, with what the service has mined for each. */
export function TemplatesTab({ incident }: { incident: Incident }) {
  const members = incidentTemplates(incident);
  if (members.length === 0) {
    return <Empty>No member of this incident came from a log template.</Empty>;
  }
  return <MinedTemplates shipId={incident.ship_id} members={members} />;
}

function MinedTemplates({ shipId, members }: { shipId: string; members: Member[] }) {
  const services = [...new Set(members.map((m) => m.service))];
  const mined = useLoad(
    async () => {
      const lists = await Promise.all(services.map((service) => api.listTemplates(shipId, service)));
      return new Map(services.map((service, i) => [service, lists[i]] as [string, LogTemplate[]]));
    },
    `${shipId}|${services.join(',')}`
  );

  if (mined.error) {
    return <Failed error={mined.error} onRetry={mined.reload} />;
  }
  if (!mined.data) {
    return <Loading what="the log templates" />;
  }
  return (
    <DataTable data-testid="incident-templates">
      <thead>
        <tr>
          <th>Service</th>
          <th>Template</th>
          <th>In this incident</th>
          <th>Lines seen</th>
          <th>Levels</th>
          <th>Last seen</th>
        </tr>
      </thead>
      <tbody>
        {members.map((m) => {
          const template = mined.data?.get(m.service)?.find((t) => t.id === m.templateId);
          return (
            <tr key={`${m.service}/${m.templateId}`}>
              <td>{m.service}</td>
              <td>
                <code>{template ? template.text : `template ${m.templateId} (no longer kept by the service)`}</code>
              </td>
              <td>{m.inIncident}</td>
              <td>{template ? template.count : '—'}</td>
              <td>{template ? levelMix(template.levels) : '—'}</td>
              <td>{template ? formatTime(template.last_seen) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
