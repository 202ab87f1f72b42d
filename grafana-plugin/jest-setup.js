// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// jsdom has no canvas; Grafana's Combobox measures option text with one. A fixed-width font is enough here.
HTMLCanvasElement.prototype.getContext = () => ({ measureText: (text) => ({ width: text.length * 8 }) });
