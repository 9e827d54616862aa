/**
 * Who the pipeline is when it acts on its own (a `submit` it records, the comments it
 * writes). A forge says its own login (`Forge.botLogin`: on GitHub the token's identity);
 * this is the login where there is no remote forge to say one: a local repository, the
 * replay of the sample's acts.
 */
export const PIPELINE_LOGIN = 'jiebang[bot]';
