/**
 * Every GraphQL document the dashboard sends, in one place so queries.test.ts can validate them all
 * against schema/schema.graphql. Plain strings: no client library, no codegen.
 */

const MONEY = "fragment M on Money { micros display }";

const TRADE_ROW_FIELDS = `
  id ticker title category side status proposedAt closedAt closeTime
  allocation { ...M } entryPrice { ...M } contractsPurchased contractsHeld entryCost { ...M }
  realizedPnl { ...M } unrealizedPnl { ...M } roi aiConfidence
`;

const SCAN_FIELDS = `
  id scannedAt candidateCount
  criteria { name value }
  stages { name count dropped }
  candidates {
    ticker title category seriesTicker side price { ...M } closeTime hoursToClose
    entryDepth { ...M } exitDepth { ...M } evPerDollarAfterFees historicalWinRate
  }
`;

const PICK_FIELDS = "ticker side allocation { ...M } confidence reasoning riskFactors";

export const OVERVIEW_QUERY = `
query Overview($days: Int!) {
  overview(days: $days) {
    asOf mode balance { ...M } balanceSource balanceAsOf bankroll { ...M }
    totalPnl { ...M } realizedPnl { ...M } unrealizedPnl { ...M } feesPaid { ...M } invested { ...M }
    winRate roi wins losses voids stopLosses closedTrades openPositionCount unpricedPositions
    openCost { ...M } openValue { ...M }
    tradingState { status reason breaker since pausedUntil }
    equityCurve { date cumulativePnl { ...M } equity { ...M } }
    dailyPnl { date pnl { ...M } trades wins losses }
  }
  positions {
    tradeId ticker title side contracts entryPrice { ...M } entryCost { ...M } bid { ...M }
    marketValue { ...M } unrealizedPnl { ...M } unrealizedPnlPct closeTime quotedAt
  }
}
${MONEY}`;

export const PAUSE_TRADING_MUTATION = `
mutation PauseTrading($reason: String!) {
  pauseTrading(reason: $reason) { status reason since }
}`;

export const RESUME_TRADING_MUTATION = `
mutation ResumeTrading($reason: String) {
  resumeTrading(reason: $reason) { status reason since }
}`;

export const CLOSE_POSITION_MUTATION = `
mutation ClosePosition($tradeId: ID!) {
  closePosition(tradeId: $tradeId) { id status realizedPnl { ...M } }
}
${MONEY}`;

export const TRADES_QUERY = `
query Trades($status: [TradeStatus!], $first: Int!, $after: String, $sort: TradeSort!) {
  trades(status: $status, first: $first, after: $after, sort: $sort) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { ${TRADE_ROW_FIELDS} }
  }
}
${MONEY}`;

export const TRADE_QUERY = `
query Trade($id: ID!) {
  trade(id: $id) {
    ${TRADE_ROW_FIELDS}
    seriesTicker executedAt limitPrice { ...M } exitPrice { ...M } contractsSold
    positionSize { ...M } entryFees { ...M } exitProceeds { ...M } exitFees { ...M }
    aiReasoning riskFactors rejectionReasons { check detail }
    orderId clientOrderId stopTriggeredAt correlationId
    market {
      question subtitle status result yesBid { ...M } yesAsk { ...M } noBid { ...M } noAsk { ...M }
      volume openInterest observedAt
    }
    decision {
      id runAt selector status model candidatesAnalyzed inputTokens outputTokens cost { ...M }
      scan { id scannedAt candidateCount stages { name count dropped } }
    }
    story {
      kind at summary
      event { id type position data actor occurredAt }
      checks { check passed detail }
    }
  }
}
${MONEY}`;

export const DECISIONS_QUERY = `
query Decisions($first: Int!, $after: String) {
  decisions(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id runAt selector status model promptVersion candidatesAnalyzed picksCount totalAllocated { ...M }
      picks { ${PICK_FIELDS} }
      probabilities { ticker side probability }
      strategyNotes rejectionReasons inputTokens outputTokens cost { ...M } latencyMs
      trades { id ticker status }
    }
  }
  calibration {
    points brier
    buckets { lower upper count meanProbability observedFrequency }
    byModel { selector model promptVersion count brier meanProbability observedFrequency }
  }
}
${MONEY}`;

export const SCAN_QUERY = `
query Scanner($id: ID) {
  scan(id: $id) { ${SCAN_FIELDS} }
  scans(first: 10) { nodes { id scannedAt candidateCount } }
}
${MONEY}`;

export const RUN_SCAN_MUTATION = `
mutation RunScan($dryRun: Boolean!) {
  runScan(dryRun: $dryRun) {
    scanId dryRun
    scan { ${SCAN_FIELDS} }
    decision {
      selector status model candidatesAnalyzed picks { ${PICK_FIELDS} } strategyNotes
      inputTokens outputTokens cost { ...M } latencyMs
    }
  }
}
${MONEY}`;

export const MONTHLY_QUERY = `
query Monthly {
  monthlyAnalyses(first: 12) {
    nodes {
      month reportId generatedAt totalTrades totalInvested { ...M } totalPnl { ...M } winRate avgRoi
      marketTypeAnalysis seriesAnalysis topMarketTypes worstMarketTypes insights
    }
  }
}
${MONEY}`;

export const ERRORS_QUERY = `
query Errors($source: String, $first: Int!, $after: String) {
  errors(source: $source, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id at source message stack context }
  }
}`;

const NOTIFICATION_SETTINGS = `
fragment NotificationSettings on NotificationChannelSettings {
  channel configured destination enabled kinds quietHours { start end } timezone updatedAt
}`;

export const SET_NOTIFICATIONS_MUTATION = `
mutation SetNotifications($channel: NotificationChannel!, $enabled: Boolean!, $kinds: [NotificationKind!]!, $quietHours: QuietHoursInput) {
  setNotificationPreferences(channel: $channel, enabled: $enabled, kinds: $kinds, quietHours: $quietHours) {
    ...NotificationSettings
  }
}
${NOTIFICATION_SETTINGS}`;

export const SETTINGS_QUERY = `
query Settings {
  config {
    accountId timezone logLevel
    trading {
      mode dailyBudget { ...M } minOdds { ...M } maxOdds { ...M } maxDaysToResolution minLiquidity { ...M }
      minPositionSize { ...M } maxPositionSize { ...M } maxTradesPerDay stopLossThreshold { ...M }
      maxLossesInStreak maxStopLosses24h paperStartingBalance { ...M }
    }
    database { kind dataDir url passwordConfigured }
    server { host port dashboardPasswordConfigured apiTokenConfigured }
    kalshi { env restUrl wsUrl tier apiKeyId privateKeyConfigured }
    ai { enabled keySource baseUrl model timeoutMs maxRetries dailyCostCap { ...M } }
    schedules { timezone refreshMarkets dailyScan morningReport stopLoss checkResolutions monthlyAnalysis }
    notify { slackConfigured discordConfigured telegramConfigured webhookConfigured }
    variables { name source value }
  }
  health {
    ready projectionLag leader jobs
    database { status detail } exchange { status detail } ai { status detail }
    schedules { job next running }
  }
  notificationSettings { ...NotificationSettings }
}
${MONEY}
${NOTIFICATION_SETTINGS}`;

export const RUN_JOB_MUTATION = `
mutation RunJob($name: String!) {
  runJob(name: $name) { job status durationMs message }
}`;

export const LOGIN_MUTATION = `
mutation Login($password: String!) {
  login(password: $password) { token expiresAt }
}`;

export const LOGOUT_MUTATION = `
mutation Logout {
  logout
}`;

/**
 * What the browser subscribes to over SSE: the overview changes after new events are projected,
 * which is exactly when every loader would return something new. Only a timestamp is selected:
 * the page refetches through its loaders.
 */
export const LIVE_SUBSCRIPTION = "subscription Live { overviewChanged { asOf } }";

/** The layout's account switcher: every account the engine's database knows (not scoped to one). */
export const ACCOUNTS_QUERY = "query Accounts { accounts { id servedHere tradeCount } }";

export const ALL_DOCUMENTS = {
  ACCOUNTS_QUERY,
  OVERVIEW_QUERY,
  PAUSE_TRADING_MUTATION,
  RESUME_TRADING_MUTATION,
  CLOSE_POSITION_MUTATION,
  TRADES_QUERY,
  TRADE_QUERY,
  DECISIONS_QUERY,
  SCAN_QUERY,
  RUN_SCAN_MUTATION,
  MONTHLY_QUERY,
  ERRORS_QUERY,
  SETTINGS_QUERY,
  RUN_JOB_MUTATION,
  SET_NOTIFICATIONS_MUTATION,
  LOGIN_MUTATION,
  LOGOUT_MUTATION,
  LIVE_SUBSCRIPTION,
};
