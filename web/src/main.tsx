import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { I18nProvider } from './i18n';
import { AuthProvider } from './auth';
import App from './App';
import { SiteProvider } from './site/SiteContext';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SiteProvider>
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
    </SiteProvider>
  </StrictMode>,
);
