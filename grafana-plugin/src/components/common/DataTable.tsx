import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

/** A plain table in Grafana's look: padded cells, weak row borders, muted headers. Every table of the console uses it. */
export function DataTable(props: React.TableHTMLAttributes<HTMLTableElement>) {
  const styles = useStyles2(getTableStyles);
  return <table {...props} className={[styles.table, props.className].filter(Boolean).join(' ')} />;
}

export const getTableStyles = (theme: GrafanaTheme2) => ({
  table: css`
    width: 100%;
    margin: ${theme.spacing(2, 0)};
    border-collapse: collapse;
    th,
    td {
      padding: ${theme.spacing(0.75, 1)};
      border-bottom: 1px solid ${theme.colors.border.weak};
      text-align: left;
      vertical-align: top;
    }
    th {
      color: ${theme.colors.text.secondary};
      font-weight: ${theme.typography.fontWeightMedium};
    }
  `,
});
