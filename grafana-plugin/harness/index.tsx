// A stand-in for Grafana around the plugin's pages, for screenshots and end-to-end checks in headless
// Chromium: a dark theme, a Grafana user with the Editor role, and a BackendSrv whose fetch goes to
// the same plugin-proxy path Grafana serves. harness/serve.mjs answers that path by forwarding it to a real
// AiOps host with the key, as Grafana's proxy does.
import React, { Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom';
import { from } from 'rxjs';
import { createTheme, OrgRole, ThemeContext } from '@grafana/data';
import { BackendSrvRequest, config, setBackendSrv } from '@grafana/runtime';
import { GlobalStyles } from '@grafana/ui';
import App from '../src/components/App/App';

config.bootData.user = { ...config.bootData.user, orgRole: OrgRole.Editor, login: 'harness' };

async function request(options: BackendSrvRequest) {
  const response = await fetch(options.url, {
    method: options.method ?? 'GET',
    headers: options.data !== undefined ? { 'Content-Type': 'application/json' } : undefined,
    body: options.data !== undefined ? JSON.stringify(options.data) : undefined,
  });
  const data = await response.json().catch(() => undefined);
  if (!response.ok) {
    throw { status: response.status, statusText: response.statusText, data };
  }
  return { data, status: response.status, statusText: response.statusText, ok: true, headers: response.headers, redirected: false, type: response.type, url: response.url, config: options };
}

setBackendSrv({ fetch: (options: BackendSrvRequest) => from(request(options)) } as never);

const theme = createTheme({ colors: { mode: 'dark' } });

function Harness() {
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <div style={{ padding: 24, minHeight: '100vh', background: theme.colors.background.canvas }}>
        <nav style={{ display: 'flex', gap: 16, marginBottom: 16 }}>
          <strong>AiOps Operations Console</strong>
          <Link to="/a/aiops-operations-app/incidents">Incidents</Link>
          <Link to="/a/aiops-operations-app/approvals">Approvals</Link>
          <Link to="/a/aiops-operations-app/silences">Silences</Link>
          <Link to="/a/aiops-operations-app/actions">Actions</Link>
          <Link to="/a/aiops-operations-app/policy">Policy</Link>
        </nav>
        <Suspense fallback="Loading…">
          <Routes>
            <Route path="/a/aiops-operations-app/*" element={<App {...({} as never)} />} />
          </Routes>
        </Suspense>
      </div>
    </ThemeContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <BrowserRouter>
    <Harness />
  </BrowserRouter>
);
