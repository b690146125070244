// Secrets out of everything we print: a password inside a URL, and the values of secret settings.

/**
 * Settings whose value is a secret: an error names them and their rule, never their value. Webhook
 * URLs count as secrets: chat services put the token in the URL's path.
 */
const SECRET_NAME = /(^|_)(API_KEYS?|TOKEN|SECRET|PASSWORD|WEBHOOKS)$/;

export function isSecretSetting(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The URL with its password (and a lone user, which Redis reads as one) replaced by ***. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][\w+.-]*:\/\/)([^@/?#]*)@/i, (_all, scheme: string, userInfo: string) => {
    const colon = userInfo.indexOf(':');
    return `${scheme}${colon < 0 ? '***' : `${userInfo.slice(0, colon)}:***`}@`;
  });
}

/** Every URL in `text` with its password replaced by ***. */
export function redactUrls(text: string): string {
  return text.replace(/[a-z][\w+.-]*:\/\/[^\s"'<>]+/gi, (url) => redactUrl(url));
}

/** How an error may show a setting's value: not at all for secrets, without the password for URLs. */
export function shownValue(name: string, value: string): string | undefined {
  if (isSecretSetting(name)) return undefined;
  return JSON.stringify(redactUrl(value));
}
