// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const swc = base.transform['^.+\\.(t|j)sx?$'];

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  // @grafana/data 12 pulls in d3 packages published as .mjs only: transform those with the same SWC setup.
  transform: { ...base.transform, '^.+\\.mjs$': swc },
};
