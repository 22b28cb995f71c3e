import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { startApp } from './app.ts';

const root = document.getElementById('app');
if (root) startApp(root);
