/**
 * Korean particles chosen by the word before them — the one helper every message, document, e-mail and screen uses.
 * It lives in the engine (`src/engine/korean.ts`, which imports nothing from the other layers and whose own messages
 * need it too); everything else imports it from here.
 *
 * Write `${josa(name, '이/가')}` — never "이(가)" or "을(를)" after a name that is only known at run time.
 */
export { josa, josaPick, type Particle } from './engine/index.js';
