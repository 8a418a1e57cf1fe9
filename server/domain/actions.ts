import { OPEN_ACTION_STATUSES, type ActionStatus } from './vocabulary';

export function isActionOpen(status: ActionStatus): boolean {
  return OPEN_ACTION_STATUSES.includes(status);
}

export function isActionOverdue(action: { status: ActionStatus; due_on: string | null }, today: string): boolean {
  return isActionOpen(action.status) && action.due_on !== null && action.due_on < today;
}
