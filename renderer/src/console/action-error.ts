import { KioskApiError } from '../../../main/contract';

/** Refusals of desk actions told in words (texts: console `actionError.<kind>`); others keep the kiosk's message. */
export type ActionErrorKind = 'desk-busy' | 'no-current-visit' | 'unknown-service' | 'failed';

export function actionErrorKind(error: unknown): ActionErrorKind {
  if (error instanceof KioskApiError && ['desk-busy', 'no-current-visit', 'unknown-service'].includes(error.code)) {
    return error.code as ActionErrorKind;
  }
  return 'failed';
}
