import { z } from 'zod';

/** The six languages of the ASAN model's countries, in the order the kiosk offers them. */
export const LANGUAGES = ['az', 'ru', 'en', 'kk', 'ky', 'uz'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** Each language written in its own name, as visitors look for it on the first screen. */
export const LANGUAGE_AUTONYMS: Record<Language, string> = {
  az: 'Azərbaycanca',
  ru: 'Русский',
  en: 'English',
  kk: 'Қазақша',
  ky: 'Кыргызча',
  uz: 'Oʻzbekcha',
};

/** A text given in every language the kiosk offers; none may be missing or blank. */
export const LocalizedText = z.object(
  Object.fromEntries(LANGUAGES.map((lng) => [lng, z.string().trim().min(1, `the ${lng} text is empty`)])) as Record<
    Language,
    z.ZodString
  >,
);
export type LocalizedText = z.infer<typeof LocalizedText>;
