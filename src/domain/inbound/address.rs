//! Comparing addresses and domains.

/// Providers known to deliver `name+tag@…` to `name@…`; elsewhere a `+`
/// may be part of a real, different mailbox.
const PLUS_PROVIDERS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "fastmail.com",
    "fastmail.fm",
    "icloud.com",
    "me.com",
    "proton.me",
    "protonmail.com",
];

/// Free-mail domains: a contact there says nothing about a program's domain.
const FREE_MAIL: &[&str] = &["yahoo.com", "aol.com", "mail.com", "gmx.com", "hey.com"];

/// Lower case, with a `+tag` dropped for providers that ignore it.
pub fn normalize_address(address: &str) -> String {
    let lower = address.trim().to_ascii_lowercase();
    let Some((local, domain)) = lower.rsplit_once('@') else {
        return lower;
    };
    match local.split_once('+') {
        Some((base, _)) if PLUS_PROVIDERS.contains(&domain) => format!("{base}@{domain}"),
        _ => lower,
    }
}

/// The domain of an address, lower case.
pub fn domain_of(address: &str) -> Option<String> {
    let (_, domain) = address.trim().rsplit_once('@')?;
    let domain = domain.trim_end_matches('>').to_ascii_lowercase();
    (!domain.is_empty()).then_some(domain)
}

/// Whether a domain belongs to everyone (free mail) rather than a program.
pub fn is_free_mail(domain: &str) -> bool {
    PLUS_PROVIDERS.contains(&domain) || FREE_MAIL.contains(&domain)
}

/// The host of a website as written ("https://www.mercy.org/gme" →
/// "mercy.org"), `www.` dropped.
pub fn website_domain(website: &str) -> Option<String> {
    let text = website.trim();
    let rest = text.split_once("://").map_or(text, |(_, rest)| rest);
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    (host.contains('.') && !host.starts_with('.')).then_some(host)
}
