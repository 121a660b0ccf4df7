mod fixtures;
mod message;
mod smtp_config;
mod templates;
mod templates_wording;
mod thread;
