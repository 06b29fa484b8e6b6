import type { WebContents } from 'electron';
import { describe, expect, test, vi } from 'vitest';
import { blockEscapeShortcuts, isEscapeShortcut } from '../../../main/app/shortcut-lock';
import type { KeyPress } from '../../../main/app/shortcut-lock';
import { fakeEmitter } from './fake-emitter';

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  type: 'keyDown',
  key,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...modifiers,
});

const ctrl = { control: true };
const ctrlShift = { control: true, shift: true };

describe('escape shortcuts of the kiosk window', () => {
  test.each([
    ['Alt+F4', press('F4', { alt: true })],
    ['Ctrl+W', press('w', ctrl)],
    ['Ctrl+Q', press('q', ctrl)],
    ['Ctrl+R', press('r', ctrl)],
    ['Ctrl+Shift+R', press('R', ctrlShift)],
    ['Cmd+W', press('w', { meta: true })],
    ['F5', press('F5')],
    ['F11', press('F11')],
    ['F12', press('F12')],
    ['Ctrl+Shift+I', press('I', ctrlShift)],
    ['Ctrl+Shift+J', press('J', ctrlShift)],
    ['Ctrl+Shift+C', press('C', ctrlShift)],
    ['Ctrl+P (print)', press('p', ctrl)],
    ['Ctrl+N (new window)', press('n', ctrl)],
    ['Ctrl+O (open file)', press('o', ctrl)],
    ['Ctrl+plus (zoom)', press('+', ctrl)],
    ['Ctrl+minus (zoom)', press('-', ctrl)],
    ['Ctrl+0 (zoom reset)', press('0', ctrl)],
    ['Alt+Left (back)', press('ArrowLeft', { alt: true })],
    ['Ctrl+Shift+Escape', press('Escape', ctrlShift)],
  ])('%s is blocked', (_name, input) => {
    expect(isEscapeShortcut(input)).toBe(true);
  });

  test.each([
    ['a letter', press('ə')],
    ['a digit', press('7')],
    ['Enter', press('Enter')],
    ['Backspace', press('Backspace')],
    ['Shift+A', press('A', { shift: true })],
    ['a key release of F5', { ...press('F5'), type: 'keyUp' }],
  ])('%s gets through', (_name, input) => {
    expect(isEscapeShortcut(input)).toBe(false);
  });

  test('developer tools keys work while developing, never in a packaged kiosk', () => {
    expect(isEscapeShortcut(press('F12'), true)).toBe(false);
    expect(isEscapeShortcut(press('I', ctrlShift), true)).toBe(false);
    expect(isEscapeShortcut(press('w', ctrl), true)).toBe(true);
  });

  test('the window swallows a blocked key before the page sees it, and lets typing through', () => {
    const contents = fakeEmitter();
    blockEscapeShortcuts(contents as unknown as WebContents, false);
    const blocked = { preventDefault: vi.fn() };
    contents.emit('before-input-event', blocked, press('F4', { alt: true }));
    expect(blocked.preventDefault).toHaveBeenCalledOnce();
    const typed = { preventDefault: vi.fn() };
    contents.emit('before-input-event', typed, press('a'));
    expect(typed.preventDefault).not.toHaveBeenCalled();
  });
});
