// Preloaded into Flowise by `make peers` (NODE_OPTIONS=--require ...).
//
// To estimate the tokens of a streamed reply, LangChain downloads tokenizer ranks from the web
// (https://tiktoken.pages.dev/js/<encoding>.json) and retries for about 100 s when there is no
// internet, twice a reply. The js-tiktoken package Flowise installs ships the same ranks: this
// answers those downloads from it, and leaves every other request alone.
'use strict'

const RANKS = /^https:\/\/tiktoken\.pages\.dev\/js\/([a-z0-9_]+)\.json$/
const download = globalThis.fetch

globalThis.fetch = async function fetch(input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const match = RANKS.exec(url)
    if (!match) return download(input, init)
    const module = require(require.resolve(`js-tiktoken/ranks/${match[1]}`, { paths: [process.cwd()] }))
    return new Response(JSON.stringify(module.default ?? module), {
        headers: { 'content-type': 'application/json' }
    })
}
