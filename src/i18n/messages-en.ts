/**
 * The English message catalog: every string the user sees or hears. Placeholders are `{name}`.
 * Other languages are objects of the same shape (see i18n.ts), so a missing translation is a type error.
 */
export const en = {
  'app.name': 'Salesforce for x-bees',
  'app.loading': 'Loading Salesforce…',

  'config.invalid.title': 'This integration is not configured correctly',
  'config.invalid.body': 'The file config.json next to the app has problems. Ask your administrator to fix them:',
  'config.unreachable.body': 'config.json could not be loaded ({reason}). Check that it is deployed next to the app, then reload.',

  'outsideXBees.title': 'Open this app from x-bees',
  'outsideXBees.body': 'This page is the Salesforce panel of x-bees. It works only inside x-bees, which loads it next to a conversation.',

  'crash.title': 'Something went wrong',
  'crash.body': 'The Salesforce panel hit an unexpected error: {message}. Nothing you typed was sent anywhere else.',
  'crash.reload': 'Reload the panel',

  'shell.conversation.heading': 'Conversation',
  'shell.conversation.loading': 'Waiting for x-bees…',
  'shell.conversation.none': 'x-bees has not opened a conversation in this panel.',
  'shell.conversation.failed': 'x-bees did not answer ({reason}). The panel will use what x-bees sends next.',
  'shell.contact.name': 'Name',
  'shell.contact.phone': 'Phone',
  'shell.contact.email': 'E-mail',
  'shell.conversation.id': 'Conversation ID',
  'shell.value.unknown': 'Not given',

  'shell.connection.heading': 'Salesforce connection',
  'shell.connection.signedOut': 'Not connected to Salesforce.',
  'shell.connection.org': 'Org: {domain}',
  'shell.connection.orgUnknown': 'Org: entered at sign-in',

  'theme.light': 'Light',
  'theme.dark': 'Dark',
} as const;

export type Messages = { readonly [K in keyof typeof en]: string };
