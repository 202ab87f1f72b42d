import React from 'react';
import { render, screen } from '@testing-library/react';
import { PluginType } from '@grafana/data';
import AppConfig, { AppConfigProps } from './AppConfig';

const props = {
  plugin: { meta: { id: 'aiops-operations-app', name: 'AiOps', type: PluginType.app, enabled: true, jsonData: {} } },
  query: {},
} as unknown as AppConfigProps;

describe('AppConfig', () => {
  test('asks for the API URL and key, and cannot be saved without them', () => {
    render(<AppConfig plugin={props.plugin} query={props.query} />);

    expect(screen.getByRole('group', { name: /aiops api/i })).toBeInTheDocument();
    expect(screen.getByTestId('config-api-key')).toBeInTheDocument();
    expect(screen.getByTestId('config-api-url')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  test('a key already stored is shown as configured, never as text', () => {
    const plugin = { meta: { ...props.plugin.meta, jsonData: { apiUrl: 'http://aiops-api:8080' }, secureJsonFields: { apiKey: true } } };

    // @ts-ignore - only meta is used
    render(<AppConfig plugin={plugin} query={props.query} />);

    expect(screen.getByTestId('config-api-key')).toHaveValue('configured');
    expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
  });
});
