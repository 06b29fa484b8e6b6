import type { Language } from '../../main/contract';

/**
 * The on-screen keyboard's letters for each language, in alphabetical order: many visitors have
 * never typed, and find a letter faster in the order they learned at school than on QWERTY/ЙЦУКЕН.
 * Uzbek oʻ and gʻ are one key each, as they are one letter.
 */
export const KEYBOARD_LETTERS: Record<Language, readonly string[]> = {
  az: [...'abcçdeəfgğhxıijkqlmnoöprsştuüvyz'],
  ru: [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'],
  en: [...'abcdefghijklmnopqrstuvwxyz'],
  kk: [...'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя'],
  ky: [...'абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя'],
  uz: [
    'a',
    'b',
    'd',
    'e',
    'f',
    'g',
    'h',
    'i',
    'j',
    'k',
    'l',
    'm',
    'n',
    'o',
    'p',
    'q',
    'r',
    's',
    't',
    'u',
    'v',
    'x',
    'y',
    'z',
    'oʻ',
    'gʻ',
    'ʼ',
  ],
};
