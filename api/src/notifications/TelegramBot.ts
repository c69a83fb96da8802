/**
 * The Telegram Bot API, only as far as notifications need it (sendMessage). Its address is
 * configurable (TELEGRAM_API_URL) so tests and self-hosted Bot API servers can stand in.
 */
export class TelegramBot {
  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
  ) {}

  async sendMessage(chatId: string, text: string): Promise<void> {
    const response = await fetch(`${this.apiUrl.replace(/\/$/, "")}/bot${this.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: chatId, text, disable_web_page_preview: true }),
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await response.json().catch(() => ({}))) as { ok?: boolean; description?: string };
    if (!response.ok || answer.ok !== true) {
      throw new Error(`Telegram refused the message: ${answer.description ?? response.status}`);
    }
  }
}
