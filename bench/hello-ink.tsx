// The baseline for bench/startup.mjs: the smallest Ink app, bundled the way the CLI is. Its first
// frame is as fast as any Ink app can draw one; the wizard's welcome screen is measured against it.
import { Text, render } from 'ink';

render(<Text>Hello, world</Text>);
