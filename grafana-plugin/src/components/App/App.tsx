import React from 'react';
import { Route, Routes } from 'react-router-dom';
import { AppRootProps } from '@grafana/data';
import { ROUTES } from '../../constants';

const IncidentsPage = React.lazy(() => import('../../pages/IncidentsPage'));
const IncidentDetailPage = React.lazy(() => import('../../pages/IncidentDetailPage'));
const ApprovalsPage = React.lazy(() => import('../../pages/ApprovalsPage'));
const SilencesPage = React.lazy(() => import('../../pages/SilencesPage'));
const ActionsPage = React.lazy(() => import('../../pages/ActionsPage'));
const PolicyPage = React.lazy(() => import('../../pages/PolicyPage'));

function App(_: AppRootProps) {
  return (
    <Routes>
      <Route path={`${ROUTES.Incidents}/:id`} element={<IncidentDetailPage />} />
      <Route path={ROUTES.Approvals} element={<ApprovalsPage />} />
      <Route path={ROUTES.Silences} element={<SilencesPage />} />
      <Route path={ROUTES.Actions} element={<ActionsPage />} />
      <Route path={ROUTES.Policy} element={<PolicyPage />} />
      <Route path="*" element={<IncidentsPage />} />
    </Routes>
  );
}

export default App;
