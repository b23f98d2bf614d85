/**
 * The English messages shown before any screen has loaded: configuration and crash screens, the conversation
 * from x-bees, the session, the Salesforce connection, and the OAuth callback page (its own entry).
 * Placeholders are `{name}`. Every screen loaded on demand (sign-in, the person, history, tasks, logging,
 * leads, the tabs, the outbox) has its messages in messages-en-work.ts, loaded along with it
 * (work-messages.ts), so the first paint doesn't carry them.
 * Other languages are objects of the same shape, so a missing translation is a type error.
 */
export const en = {
  'app.loading': 'Loading Salesforce…',

  'config.invalid.title': 'This integration is not configured correctly',
  'config.invalid.body': 'The file config.json next to the app has problems. Ask your administrator to fix them:',
  'config.unreachable.body':
    'config.json could not be loaded ({reason}). Check that it is deployed next to the app, then reload.',

  'outsideXBees.title': 'Open this app from x-bees',
  'outsideXBees.body':
    'This page is the Salesforce panel of x-bees. It works only inside x-bees, which loads it next to a conversation.',

  'crash.title': 'Something went wrong',
  'crash.body': 'The Salesforce panel hit an unexpected error: {message}. Nothing you typed was sent anywhere else.',
  'crash.reload': 'Reload the panel',

  'boundary.failed.title': 'This part of the panel failed',
  'boundary.failed.body': 'It hit an unexpected error: {message}. The rest of the panel still works.',
  'boundary.retry': 'Try again',

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

  'signIn.callback.working': 'Signing you in to Salesforce… This window closes by itself.',
  'signIn.callback.noOpener': 'This window lost its connection to x-bees. Close it and sign in again from x-bees.',
  'signIn.callback.failed':
    'The sign-in could not be handed back to x-bees ({reason}). Close this window and try again.',
  'signIn.env.live': 'Live (production) org.',
  'signIn.env.sandbox': 'Sandbox org. Use the sandbox environment in x-bees and WMS as well.',
  'signIn.env.local': 'Local development org.',
  'signIn.problem.restCors':
    'Salesforce blocks this app: its origin {origin} is not on the org’s CORS allowlist. Ask your Salesforce admin to add {origin} in Setup → Security → CORS → Allowed Origins List → New, and to turn on “Enable CORS for OAuth endpoints”.',

  'session.signedInAs': 'Signed in as {name}',
  'session.email': 'E-mail: {email}',
  'session.org': 'Org: {domain}',
  'session.signOut': 'Sign out',
  'session.emailMismatch.title': 'Different user in x-bees and Salesforce',
  'session.emailMismatch.body':
    'You are signed in to Salesforce as {salesforceEmail}, but x-bees is used by {xbeesEmail}. The setup guide requires the same user (same e-mail) in x-bees and Salesforce, or logs and leads get the wrong author. Sign out and sign in to Salesforce as {xbeesEmail}.',
  'session.storageNotPersistent':
    'This browser does not let the panel keep your sign-in, so you will need to sign in again after a reload.',

  'connection.check': 'Check connection',
  'connection.checking': 'Checking the connection to Salesforce…',
  'connection.ok': 'Connected: Salesforce answered.',
  'connection.apiUsage': 'API requests left today: {remaining} of {max}.',
  'connection.failed.title': 'Salesforce could not be reached',
  'connection.failed.network':
    'The connection to Salesforce failed ({detail}). Check your network, then check the connection again.',
  'connection.failed.other': 'Salesforce answered with an error: {detail}',

  'org.apiDisabled.title': 'Your Salesforce edition has no API access',
  'org.apiDisabled.body':
    'This integration needs the Salesforce API. It is included in Enterprise, Unlimited, Developer and Performance editions; Professional Edition can buy it from Salesforce; Essentials has none. Ask your Salesforce admin.',
  'org.requestLimit.title': 'Salesforce API limit reached',
  'org.requestLimit.body':
    'Your org has used all its API requests for the last 24 hours (REQUEST_LIMIT_EXCEEDED). Salesforce data loads again when the limit frees up; your admin can see the usage in Setup → Company Information.',
  'org.dismiss': 'Dismiss',
} as const;
