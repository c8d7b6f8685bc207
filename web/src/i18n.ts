import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import fr from './locales/fr.json';
import km from './locales/km.json';
import vi from './locales/vi.json';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'km', name: 'ខ្មែរ' },
  { code: 'vi', name: 'Tiếng Việt' },
] as const;

const STORAGE_KEY = 'riskpool.language';

export function setLanguage(code: string) {
  localStorage.setItem(STORAGE_KEY, code);
  document.documentElement.lang = code;
  return i18n.changeLanguage(code);
}

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
const browser = typeof navigator !== 'undefined' ? navigator.language.slice(0, 2) : 'en';
const initial = saved ?? (LANGUAGES.some((l) => l.code === browser) ? browser : 'en');

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr }, km: { translation: km }, vi: { translation: vi } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = initial;

export default i18n;
