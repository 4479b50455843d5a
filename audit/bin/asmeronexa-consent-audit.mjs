#!/usr/bin/env node
// asmeronexa-consent-audit: see ../README.md and the contract, §10.
import { main } from '../lib/cli.mjs';

process.exitCode = await main(process.argv.slice(2));
