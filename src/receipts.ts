// Entry of dist/consent-receipts.js: builds the consent receipts and sends them through the
// outbox. consent.js loads it on a decision, when receipts are configured, and on a page view
// after one that an earlier page view could not deliver.
import { handOver } from './browser/chunks';
import { openReceiptOutbox } from './browser/receipts';

handOver('receipts', openReceiptOutbox);
