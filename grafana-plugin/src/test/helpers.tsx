import React from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { render } from '@testing-library/react';
import { OrgRole } from '@grafana/data';
import { config } from '@grafana/runtime';
import { ApiError } from '../api/client';

/** Signs the test's Grafana user in with a role (Viewer reads; Editor and Admin act). */
export function asRole(orgRole: 'Viewer' | 'Editor' | 'Admin') {
  config.bootData.user = { ...config.bootData.user, orgRole: orgRole as OrgRole, isGrafanaAdmin: false };
}

/** Renders a page at a URL of the app, with its route parameter pattern. */
export function renderAt(element: React.ReactElement, url = '/', pattern = '*') {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path={pattern} element={element} />
      </Routes>
    </MemoryRouter>
  );
}

/** A promise that never settles: the page stays in its loading state. */
export const never = <T,>() => new Promise<T>(() => undefined);

export const failure = (detail: string, status = 500) => new ApiError(detail, status, { status, detail });
