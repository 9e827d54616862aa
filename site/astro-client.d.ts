// Astro's client types (import.meta.glob, import.meta.env, image metadata) for the site's modules.
/// <reference types="astro/client" />
