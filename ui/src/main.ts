import { mount } from 'svelte';
import App from './App.svelte';
import { language } from './lib/language';
import { t } from './lib/strings';
import './app.css';

// The page says which language it speaks (screen readers, hyphenation, fonts).
document.documentElement.lang = language();
document.title = `${t.appName} — ${t.appTagline}`;

const app = mount(App, { target: document.getElementById('app')! });

export default app;
