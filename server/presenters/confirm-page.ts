// The page shown before an action that cannot simply be undone (delete, disable, remove a role,
// unlink): the button on the record's page is a link here, and only this page's button posts.
// A person using a keyboard or a switch who activates the wrong control loses nothing.

export interface ConfirmPage {
  title: string;
  caption?: string;
  heading: string;
  /** What will happen, a paragraph each. */
  details: string[];
  /** Said as a GOV.UK warning text, when something is lost for good. */
  warning?: string;
  action: string;
  button: string;
  cancelHref: string;
  hidden?: { name: string; value: string }[];
  breadcrumbs?: { text: string; href?: string }[];
}

export const confirmPage = (page: ConfirmPage): ConfirmPage => page;
