//! Email: templates rendered from domain values, MIME messages (.eml and
//! `mailto:`), and sending over SMTP. Library code only: the store and the
//! screens call in with domain types and get values or typed errors back.

mod context;
pub mod message;
mod password_cmd;
pub mod secret;
pub mod smtp;
mod template_files;
pub mod templates;

pub use message::{
    BuiltMail, MessageError, OutgoingMail, Sender, build_message, build_message_in_thread,
    mailto_url, to_eml,
};
pub use secret::Secret;
pub use smtp::{Security, SendError, SendReceipt, SmtpConfig, SmtpStep, send, send_reporting};
pub use template_files::install_defaults;
pub use templates::{
    MAX_TEMPLATE_BYTES, Origin, RenderInput, Rendered, TemplateError, TemplateSet,
};

#[cfg(test)]
mod tests;
