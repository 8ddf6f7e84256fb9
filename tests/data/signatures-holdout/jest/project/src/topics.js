'use strict';

/**
 * Topic patterns are dot-separated; '*' matches exactly one segment.
 * 'order.*' matches 'order.created' but not 'order.item.added'.
 */
function compile(pattern) {
  const parts = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp('^' + parts.join('.*') + '$');
}

function matches(pattern, topic) {
  return compile(pattern).test(topic);
}

class TopicRouter {
  constructor(subscriptions = []) {
    this.subscriptions = subscriptions;
  }

  subscribersFor(topic) {
    return this.subscriptions.filter((s) => s.topics.some((p) => matches(p, topic)));
  }
}

module.exports = { matches, compile, TopicRouter };
