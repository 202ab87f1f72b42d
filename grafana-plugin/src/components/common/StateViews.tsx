import React from 'react';
import { Alert, LoadingPlaceholder } from '@grafana/ui';

/** The three states every page shows the same way: loading, failed (with the API's own message) and empty. */
export function Loading({ what }: { what: string }) {
  return <LoadingPlaceholder text={`Loading ${what}…`} data-testid="state-loading" />;
}

export function Failed({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <Alert title="The AiOps API answered with an error" severity="error" buttonContent={onRetry ? 'Retry' : undefined} onRemove={onRetry} data-testid="state-error">
      {error.message}
    </Alert>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return (
    <div data-testid="state-empty" style={{ padding: '24px 0', opacity: 0.8 }}>
      {children}
    </div>
  );
}
