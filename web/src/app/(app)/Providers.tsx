"use client";

import { RainbowKitAuthenticationProvider, RainbowKitProvider } from "@rainbow-me/rainbowkit";
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { useAccount, WagmiProvider } from "wagmi";
import { createSiweAuthenticationAdapter, endSession } from "../../auth/createSiweAuthenticationAdapter";
import { sessionQuery } from "../../auth/sessionQuery";
import { wagmiConfig } from "../../wallet/wagmiConfig";

function SiweAuthentication({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const adapter = useMemo(() => createSiweAuthenticationAdapter(queryClient), [queryClient]);
  const session = useQuery(sessionQuery);
  const { address } = useAccount();
  const sessionAddress = session.data?.address;

  // RainbowKit signs out when the wallet switches accounts while connected, but not when a session that
  // survived a reload meets a different wallet account on reconnect: end that session too.
  useEffect(() => {
    if (address && sessionAddress && address.toLowerCase() !== sessionAddress.toLowerCase()) {
      void endSession(queryClient);
    }
  }, [address, sessionAddress, queryClient]);

  // An unreachable api leaves the page signed out (with a notice) rather than stuck loading.
  const status = session.isPending ? "loading" : session.data ? "authenticated" : "unauthenticated";
  return (
    <RainbowKitAuthenticationProvider adapter={adapter} status={status}>
      {children}
    </RainbowKitAuthenticationProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient());
  return (
    <WagmiProvider config={wagmiConfig}>
      <QueryClientProvider client={queryClient}>
        <SiweAuthentication>
          <RainbowKitProvider appInfo={{ appName: "A360 Exchange" }}>{children}</RainbowKitProvider>
        </SiweAuthentication>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
