// Bundles harness/index.tsx with React and Grafana's packages included (in Grafana they are provided).
const path = require('path');
const webpack = require('webpack');

module.exports = {
  mode: 'development',
  devtool: false,
  entry: path.resolve(__dirname, 'index.tsx'),
  output: { path: path.resolve(__dirname, '..', 'harness-dist'), filename: 'harness.js', publicPath: '/' },
  resolve: { extensions: ['.tsx', '.ts', '.js', '.mjs', '.json'], modules: [path.resolve(__dirname, '..', 'src'), 'node_modules'] },
  module: {
    rules: [
      {
        test: /\.[tj]sx?$/,
        exclude: /node_modules/,
        use: { loader: 'swc-loader', options: { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'classic' } }, target: 'es2020' } } },
      },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.(svg|png|woff2?|ttf|eot)$/, type: 'asset/resource' },
    ],
  },
  // One file: the harness server only has to serve index.html and harness.js.
  plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
  performance: { hints: false },
};
