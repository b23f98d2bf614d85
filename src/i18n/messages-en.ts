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

  'signIn.heading': 'Sign in to Salesforce',
  'signIn.intro': 'Sign in with your Salesforce account to see the Salesforce records of the people you talk to.',
  'signIn.domain.label': 'Your Salesforce My Domain',
  'signIn.domain.help': 'The address you use to sign in, for example acme.my.salesforce.com. In Salesforce: Setup → My Domain.',
  'signIn.domain.pinned': 'Org: {domain}',
  'signIn.domain.error.empty': 'Enter your My Domain, for example acme.my.salesforce.com.',
  'signIn.domain.error.notAUrl': 'This is not a web address. Enter your My Domain, for example acme.my.salesforce.com.',
  'signIn.domain.error.notHttps': 'Salesforce needs https. Use {suggestion}.',
  'signIn.domain.error.genericLogin': 'login.salesforce.com and test.salesforce.com can’t be used here: Salesforce allows this sign-in only on your org’s My Domain. Enter it, for example acme.my.salesforce.com.',
  'signIn.domain.error.lightning': 'That is the Lightning address of your org. Use its My Domain instead: {suggestion}.',
  'signIn.domain.error.setup': 'That is the Setup address of your org. Use its My Domain instead: {suggestion}.',
  'signIn.domain.error.notMyDomain': 'This is not a Salesforce My Domain. It ends with .my.salesforce.com (sandboxes: --name.sandbox.my.salesforce.com).',
  'signIn.domain.error.notMyDomainSuggest': 'This is not a Salesforce My Domain. Did you mean {suggestion}?',
  'signIn.domain.error.hasPath': 'Enter only the address of your org, without a page: {suggestion}.',
  'signIn.domain.useSuggestion': 'Use {suggestion}',
  'signIn.env.live': 'Live (production) org.',
  'signIn.env.sandbox': 'Sandbox org. Use the sandbox environment in x-bees and WMS as well.',
  'signIn.env.local': 'Local development org.',
  'signIn.button': 'Sign in to Salesforce',
  'signIn.retry': 'Try again',
  'signIn.waiting': 'Finish signing in in the Salesforce window…',
  'signIn.previous': 'Your Salesforce session for {name} ended. Sign in again to continue; nothing you typed is lost.',

  'signIn.problem.title': 'Sign-in did not complete',
  'signIn.problem.popupBlocked': 'Your browser blocked the Salesforce sign-in window. Allow pop-ups for this page (look for the blocked pop-up icon in the address bar), then try again.',
  'signIn.problem.popupClosed': 'The Salesforce window closed before the sign-in finished. Try again and finish the sign-in in that window.',
  'signIn.problem.accessDenied': 'You chose Deny in Salesforce, so x-bees can’t show your Salesforce data. Try again and choose Allow.',
  'signIn.problem.appNotInstalled': 'Salesforce refused the sign-in: the x-bees app must be installed in your org. Ask your Salesforce admin to install it (Setup → Apps → Connected Apps → Connected Apps OAuth Usage → Install), or to give your user the permission “Approve Uninstalled Connected Apps” (setup guide, step 3).',
  'signIn.problem.oauthCors': 'Salesforce blocked the sign-in from this app because “Enable CORS for OAuth endpoints” is off. Ask your Salesforce admin to turn it on in Setup → Security → CORS → Cross-Origin Resource Sharing (CORS) Policy Settings.',
  'signIn.problem.restCors': 'Salesforce blocks this app: its origin {origin} is not on the org’s CORS allowlist. Ask your Salesforce admin to add {origin} in Setup → Security → CORS → Allowed Origins List → New, and to turn on “Enable CORS for OAuth endpoints”.',
  'signIn.problem.unreachable': 'Salesforce could not be reached ({detail}). Check the My Domain and your connection, then try again.',
  'signIn.problem.sessionExpired': 'Your Salesforce session ended. Sign in again to continue; nothing you typed is lost.',
  'signIn.problem.restRefused': 'Salesforce accepted the sign-in but refuses API access for this session ({detail}). Ask your Salesforce admin to give your user the “API Enabled” permission and to allow the x-bees app the “api” scope (or allow it under API Access Control). Then sign in again.',
  'signIn.problem.oauthError': 'Salesforce refused the sign-in ({error}: {detail}). Try again, or ask your Salesforce admin.',
  'signIn.problem.unexpected': 'The sign-in failed: {detail}. Try again.',

  'signIn.callback.working': 'Signing you in to Salesforce… This window closes by itself.',
  'signIn.callback.noOpener': 'This window lost its connection to x-bees. Close it and sign in again from x-bees.',
  'signIn.callback.failed': 'The sign-in could not be handed back to x-bees ({reason}). Close this window and try again.',

  'session.signedInAs': 'Signed in as {name}',
  'session.email': 'E-mail: {email}',
  'session.org': 'Org: {domain}',
  'session.signOut': 'Sign out',
  'session.emailMismatch.title': 'Different user in x-bees and Salesforce',
  'session.emailMismatch.body': 'You are signed in to Salesforce as {salesforceEmail}, but x-bees is used by {xbeesEmail}. The setup guide requires the same user (same e-mail) in x-bees and Salesforce, or logs and leads get the wrong author. Sign out and sign in to Salesforce as {xbeesEmail}.',
  'session.storageNotPersistent': 'This browser does not let the panel keep your sign-in, so you will need to sign in again after a reload.',

  'connection.check': 'Check connection',
  'connection.checking': 'Checking the connection to Salesforce…',
  'connection.ok': 'Connected: Salesforce answered.',
  'connection.apiUsage': 'API requests left today: {remaining} of {max}.',
  'connection.failed.title': 'Salesforce could not be reached',
  'connection.failed.network': 'The connection to Salesforce failed ({detail}). Check your network, then check the connection again.',
  'connection.failed.other': 'Salesforce answered with an error: {detail}',

  'org.apiDisabled.title': 'Your Salesforce edition has no API access',
  'org.apiDisabled.body': 'This integration needs the Salesforce API. It is included in Enterprise, Unlimited, Developer and Performance editions; Professional Edition can buy it from Salesforce; Essentials has none. Ask your Salesforce admin.',
  'org.requestLimit.title': 'Salesforce API limit reached',
  'org.requestLimit.body': 'Your org has used all its API requests for the last 24 hours (REQUEST_LIMIT_EXCEEDED). Salesforce data loads again when the limit frees up; your admin can see the usage in Setup → Company Information.',
  'org.dismiss': 'Dismiss',

  'form.required': 'required',

  'theme.light': 'Light',
  'theme.dark': 'Dark',
} as const;

export type Messages = { readonly [K in keyof typeof en]: string };
