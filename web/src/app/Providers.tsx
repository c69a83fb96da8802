"use client";

import { RainbowKitAuthenticationProvider, RainbowKitProvider } from "@rainbow-me/rainbowkit";
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useMemo, useState } from "react";
import { WagmiProvider } from "wagmi";
import { createSiweAuthenticationAdapter } from "../auth/createSiweAuthenticationAdapter";
import { sessionQuery } from "../auth/sessionQuery";
import { wagmiConfig } from "../wallet/wagmiConfig";

function SiweAuthentication({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const adapter = useMemo(() => createSiweAuthenticationAdapter(queryClient), [queryClient]);
  const session = useQuery(sessionQuery);
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
