import type { StaffAccount } from '../../staff/staff-store';

/** The account as the dashboards read it (no hash, no dates they do not show). */
export interface AccountView {
  username: string;
  role: StaffAccount['role'];
  scope: StaffAccount['scope'];
}

export const accountView = ({ username, role, scope }: StaffAccount): AccountView => ({ username, role, scope });
