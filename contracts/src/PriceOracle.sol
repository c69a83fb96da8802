// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "./interfaces/AggregatorV3Interface.sol";
import {IPriceOracle} from "./interfaces/IPriceOracle.sol";
import {IStaking} from "./interfaces/IStaking.sol";

/**
 * @title PriceOracle
 * @notice The TT/EUR price: the median of the latest posts of several staked reporters, each answering for its posts
 * with an oracle-role stake position of at least `minOracleStake`. A price exists only with a quorum of posts younger
 * than `heartbeat`; a post further than `maxDeviationBps` from the median of the other reporters' fresh posts is
 * refused, and one found that far from it later is provably false: anyone may report it, which drops the post and
 * proposes a slash of `falsePostSlash` TT of the reporter's position for the one who reported it (the reporter may
 * appeal in {Staking}). A lease reads the price without the posts of its lessor and lessee, so no party moves the
 * price of its own lease. Read through Chainlink's {AggregatorV3Interface}, so a public feed can replace it.
 * @dev Prices are EUR per TT with 18 decimals. At most MAX_REPORTERS reporters are counted; a new reporter takes
 * the place of one whose post is stale or whose stake no longer qualifies.
 */
contract PriceOracle is IPriceOracle, AggregatorV3Interface {
    /// @notice Deployment figures of the oracle.
    struct Parameters {
        uint256 minOracleStake; // TT a reporter's oracle position must hold.
        uint256 falsePostSlash; // TT proposed for slashing per provably false post.
        uint64 heartbeat; // Oldest post counted, in seconds.
        uint16 maxDeviationBps; // Furthest a post may be from the others' median, in basis points.
        uint8 quorum; // Fresh posts needed for a price.
    }

    /// @notice One reporter's latest post.
    struct Post {
        uint256 price; // EUR per TT, 18 decimals; zero when none.
        uint256 positionId; // The oracle stake position answering for it.
        uint64 postedAt; // When it was posted.
    }

    /// @notice Most reporters counted at once.
    uint256 public constant MAX_REPORTERS = 16;
    uint256 private constant _BPS = 10_000;

    /// @notice Where oracle stakes are checked, held and slashed.
    IStaking public immutable staking;
    /// @notice TT a reporter's oracle position must hold.
    uint256 public immutable minOracleStake;
    /// @notice TT proposed for slashing per provably false post.
    uint256 public immutable falsePostSlash;
    /// @notice Oldest post counted, in seconds.
    uint64 public immutable heartbeat;
    /// @notice Furthest a post may be from the other reporters' median, in basis points.
    uint16 public immutable maxDeviationBps;
    /// @notice Fresh posts needed for a price.
    uint8 public immutable quorum;

    address[] private _reporters;
    mapping(address reporter => Post) private _posts;
    uint80 private _roundId;
    uint256 private _lastPrice;
    uint64 private _lastPostedAt;
    address private _lastReporter;

    constructor(IStaking staking_, Parameters memory parameters) {
        if (parameters.quorum == 0 || parameters.maxDeviationBps == 0) revert PriceOracleInvalidParameters();
        staking = staking_;
        minOracleStake = parameters.minOracleStake;
        falsePostSlash = parameters.falsePostSlash;
        heartbeat = parameters.heartbeat;
        maxDeviationBps = parameters.maxDeviationBps;
        quorum = parameters.quorum;
    }

    // ==== REPORTING ====

    /**
     * @notice Posts the TT/EUR `price` (18 decimals), answered for by the caller's oracle position `positionId`.
     * @dev Requirements: the position is the caller's, in the oracle role, with at least `minOracleStake` active;
     * `price` > 0; within `maxDeviationBps` of the median of the other reporters' fresh posts when they reach a
     * quorum; a place among MAX_REPORTERS. Emits a {PricePosted} event.
     */
    function postPrice(uint256 positionId, uint256 price) external {
        if (!_qualifies(msg.sender, positionId)) revert PriceOracleInsufficientStake(msg.sender, minOracleStake);
        if (price == 0) revert PriceOracleZeroPrice();
        (uint256 median, uint256 count, ) = _median(msg.sender, address(0));
        if (count >= quorum && _deviates(price, median)) {
            revert PriceOracleDeviation(price, median, maxDeviationBps);
        }
        if (_posts[msg.sender].postedAt == 0) _addReporter(msg.sender);

        uint64 postedAt = uint64(block.timestamp);
        _posts[msg.sender] = Post({price: price, positionId: positionId, postedAt: postedAt});
        ++_roundId;
        _lastPrice = price;
        _lastPostedAt = postedAt;
        _lastReporter = msg.sender;
        emit PricePosted(msg.sender, price, postedAt);
    }

    /**
     * @notice Reports `reporter`'s fresh post as false: further than `maxDeviationBps` from the median of the other
     * reporters' fresh posts, which reach a quorum. The post is dropped and a slash of `falsePostSlash` TT of its
     * position proposed for the caller.
     * @dev Requirements: the post is fresh and deviates as above. Emits a {FalsePostReported} event (and a
     * {SlashProposed} event from the staking contract).
     */
    function reportFalsePost(address reporter) external returns (uint256 slashId) {
        Post memory post = _posts[reporter];
        (uint256 median, uint256 count, ) = _median(reporter, address(0));
        if (!_isFresh(post) || count < quorum || !_deviates(post.price, median)) {
            revert PriceOracleNotFalse(reporter, post.price, median);
        }
        _posts[reporter].price = 0;
        slashId = staking.proposeSlash(
            post.positionId,
            falsePostSlash,
            msg.sender,
            bytes32(uint256(uint160(reporter)))
        );
        emit FalsePostReported(reporter, post.positionId, post.price, median, slashId);
    }

    // ==== READERS ====

    /// @inheritdoc IPriceOracle
    function latestPrice() external view returns (uint256 price, uint256 age) {
        return _priceExcluding(address(0), address(0));
    }

    /// @inheritdoc IPriceOracle
    function latestPriceExcluding(address partyA, address partyB) external view returns (uint256 price, uint256 age) {
        return _priceExcluding(partyA, partyB);
    }

    /// @notice The latest post: price, when and by whom (not the feed's answer, which is the median).
    function latestPost() external view returns (uint256 price, uint64 postedAt, address reporter) {
        return (_lastPrice, _lastPostedAt, _lastReporter);
    }

    /// @notice `reporter`'s latest post.
    function getPost(address reporter) external view returns (Post memory) {
        return _posts[reporter];
    }

    /// @notice The reporters counted.
    function reporters() external view returns (address[] memory) {
        return _reporters;
    }

    /// @inheritdoc AggregatorV3Interface
    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @inheritdoc AggregatorV3Interface
    function description() external pure returns (string memory) {
        return "TT / EUR";
    }

    /// @inheritdoc AggregatorV3Interface
    function version() external pure returns (uint256) {
        return 1;
    }

    /**
     * @inheritdoc AggregatorV3Interface
     * @dev The answer is the median of the fresh posts, `updatedAt` the oldest post it rests on; without a quorum the
     * answer and `updatedAt` are zero, which a Chainlink reader treats as no price.
     */
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        (uint256 median, uint256 count, uint64 oldest) = _median(address(0), address(0));
        roundId = _roundId;
        if (count >= quorum) {
            answer = int256(median);
            startedAt = oldest;
            updatedAt = oldest;
        }
        answeredInRound = roundId;
    }

    /// @inheritdoc AggregatorV3Interface
    /// @dev Only the latest round is kept; any other reverts.
    function getRoundData(
        uint80 roundId
    )
        external
        view
        returns (uint80 roundId_, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        if (roundId != _roundId) revert PriceOracleNoRoundData(roundId);
        return this.latestRoundData();
    }

    // ==== PRIVATE ====

    function _priceExcluding(address partyA, address partyB) private view returns (uint256 price, uint256 age) {
        (uint256 median, uint256 count, uint64 oldest) = _median(partyA, partyB);
        // Without a quorum, a zero price as old as the chain: every staleness check refuses it.
        if (count < quorum) return (0, block.timestamp);
        return (median, block.timestamp - oldest);
    }

    /**
     * @dev The median of the fresh, qualified posts other than `excludedA`'s and `excludedB`'s, how many there are,
     * and when the oldest of them was posted.
     */
    function _median(
        address excludedA,
        address excludedB
    ) private view returns (uint256 median, uint256 count, uint64 oldest) {
        uint256 length = _reporters.length;
        uint256[] memory prices = new uint256[](length);
        oldest = type(uint64).max;
        for (uint256 i = 0; i < length; ++i) {
            address reporter = _reporters[i];
            if (reporter == excludedA || reporter == excludedB) continue;
            Post memory post = _posts[reporter];
            if (!_isFresh(post) || !_qualifies(reporter, post.positionId)) continue;
            // Insertion sort: at most MAX_REPORTERS prices.
            uint256 j = count;
            while (j != 0 && prices[j - 1] > post.price) {
                prices[j] = prices[j - 1];
                --j;
            }
            prices[j] = post.price;
            ++count;
            if (post.postedAt < oldest) oldest = post.postedAt;
        }
        if (count == 0) return (0, 0, 0);
        median = count % 2 == 1 ? prices[count / 2] : (prices[count / 2 - 1] + prices[count / 2]) / 2;
    }

    /// @dev Counts `reporter`, taking the place of one whose post is stale or whose stake no longer qualifies.
    function _addReporter(address reporter) private {
        uint256 length = _reporters.length;
        if (length < MAX_REPORTERS) {
            _reporters.push(reporter);
            return;
        }
        for (uint256 i = 0; i < length; ++i) {
            address current = _reporters[i];
            Post memory post = _posts[current];
            if (!_isFresh(post) || !_qualifies(current, post.positionId)) {
                delete _posts[current];
                _reporters[i] = reporter;
                return;
            }
        }
        revert PriceOracleTooManyReporters(MAX_REPORTERS);
    }

    function _qualifies(address reporter, uint256 positionId) private view returns (bool) {
        IStaking.StakePosition memory position = staking.getPosition(positionId);
        return
            position.owner == reporter &&
            position.role == IStaking.StakeRole.Oracle &&
            position.amount >= minOracleStake;
    }

    function _isFresh(Post memory post) private view returns (bool) {
        return post.price != 0 && block.timestamp - post.postedAt <= heartbeat;
    }

    function _deviates(uint256 price, uint256 median) private view returns (bool) {
        uint256 difference = price > median ? price - median : median - price;
        return difference * _BPS > median * maxDeviationBps;
    }
}
