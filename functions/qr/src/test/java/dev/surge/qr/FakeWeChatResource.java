package dev.surge.qr;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the {@link FakeWeChat} for a test run, points the function at it, and hands it to the tests. */
public class FakeWeChatResource implements QuarkusTestResourceLifecycleManager {

    private FakeWeChat upstream;

    @Override
    public Map<String, String> start() {
        upstream = new FakeWeChat();
        return Map.of("surge.qr.wechat.base-url", upstream.url(),
                "surge.qr.wechat.app-id", FakeWeChat.APP_ID,
                "surge.qr.wechat.secret", FakeWeChat.SECRET);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(upstream, new TestInjector.MatchesType(FakeWeChat.class));
    }

    @Override
    public void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }
}
