import type { ActionStatus } from './vocabulary';

export function isActionOpen(status: ActionStatus): boolean {
  return status === 'not_started' || status === 'in_progress';
}

export function isActionOverdue(action: { status: ActionStatus; due_on: string | null }, today: string): boolean {
  return isActionOpen(action.status) && action.due_on !== null && action.due_on < today;
}
