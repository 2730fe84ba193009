// Imported first by main.ts so recording starts before any other module runs.
import { installErrorCapture } from './lib/error-capture';

installErrorCapture(window);
