// Entry of dist/consent-notice.js: the box for the widget's short notices ("saved", "withdrawn",
// another tab's change). consent.js loads it only when there is one to show.
import { handOver } from './browser/chunks';
import { noticeBox } from './browser/notice-box';

handOver('notice', noticeBox);
